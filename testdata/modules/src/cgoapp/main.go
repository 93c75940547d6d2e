package main

import (
	"fmt"

	xunix "golang.org/x/sys/unix"
)

func main() {
	fmt.Println("openat2", xunix.SYS_OPENAT2)
	fmt.Println("preadv2", preadv2Number())
	fmt.Println("statx", statxNumber())
	fmt.Println("getrandom", getrandomNumber())
}
