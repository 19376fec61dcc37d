//go:build !unix

package shelltest

import (
	"fmt"
	"os"
)

// checkPrivateDir reports an error unless dir is a real directory.
func checkPrivateDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	return nil
}
