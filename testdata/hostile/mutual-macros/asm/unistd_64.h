/* two macros that expand to each other */
#define __NR_read __NR_write
#define __NR_write __NR_read
