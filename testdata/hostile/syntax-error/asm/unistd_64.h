#define __NR_read 0
#define __NR_write 1
#if (__NR_read +
#define __NR_open 2
#endif
