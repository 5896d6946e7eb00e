//go:build linux || darwin || freebsd

package media

import "syscall"

// freeSpace is how many bytes an unprivileged process may still write on
// the file system that holds dir.
func freeSpace(dir string) (free uint64, known bool, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false, err
	}
	// The fields' types differ by OS, hence the conversions.
	return uint64(st.Bavail) * uint64(st.Bsize), true, nil
}
