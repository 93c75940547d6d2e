#define __NR_read 0
#define __NR_write 1ÿþ
