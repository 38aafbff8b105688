/* What uname(2) will report; one place to change it. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME "kernel"
/* Linux release we present ourselves as (glibc checks the major/minor). */
#define KERNEL_RELEASE "6.1.0"
#define KERNEL_BUILD_INFO "x86_64, built with gcc " __VERSION__

#endif
