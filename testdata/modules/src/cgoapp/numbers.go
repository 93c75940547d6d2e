package main

/*
#include <unistd.h>
#include <sys/syscall.h>

static long preadv2_nr(void) { return __NR_preadv2; }
static long statx_nr(void) { return SYS_statx; }
static long getrandom_nr(void) { return SYS_getrandom; }
*/
import "C"

func preadv2Number() int   { return int(C.preadv2_nr()) }
func statxNumber() int     { return int(C.statx_nr()) }
func getrandomNumber() int { return int(C.getrandom_nr()) }
