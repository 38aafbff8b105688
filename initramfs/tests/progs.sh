# Sourced by /init for `progs=1`: runs every program of /tests/progs.list
# in both builds, each the way tests/e2e/run.py runs it interactively,
# output between markers that `tests/e2e/run.py --batch` parses:
#   @@BEGIN FLAVOUR/NAME
#   ...output...
#   @@END FLAVOUR/NAME rc=STATUS
# Useful while the console's line editing is not there yet.
run_all_progs() {
	while read -r name args <&3; do
		case $name in ''|'#'*) continue ;; esac
		for flavour in glibc musl; do
			echo "@@BEGIN $flavour/$name"
			eval "cd / && env -i HOME=/root PATH=/bin:/usr/bin TERM=dumb /tests/$flavour/$name $args" 2>&1 3<&-
			echo "@@END $flavour/$name rc=$?"
		done
	done 3< /tests/progs.list
	echo "@@ALL-DONE"
}
