#define __NR_read 0
#ifndef __xsysgen_never_defined
#error "this header is not for userspace"
#endif
#define __NR_write 1
