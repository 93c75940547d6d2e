/* asm/unistd.h that includes asm/unistd_64.h, which includes it back (no include guards). */
#include <asm/unistd_64.h>
