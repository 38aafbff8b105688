# Test images (scripts/mkimage, from Debian's packages) and the image store
# (scripts/mkstore: ext4, label "images") that `make run` attaches.

IMAGES_STAMP := $(BUILD)/images/.stamp

images: $(IMAGES_STAMP)
$(IMAGES_STAMP): scripts/mkimage $(DEPS_STAMP)
	BUILD=$(BUILD) scripts/mkimage all
	@touch $@

store: $(BUILD)/store.img
$(BUILD)/store.img: $(IMAGES_STAMP) scripts/mkstore
	BUILD=$(BUILD) scripts/mkstore

# The Debian root of the issue-4 acceptance runs (debootstrap with bash,
# coreutils, procps, less, python3 ...).
debroot: $(DEPS_STAMP)
	BUILD=$(BUILD) scripts/mkimage debroot

.PHONY: images store debroot
