//go:build !linux

package bench

import (
	"os"
	"time"
)

// maxRSS is not read outside Linux, where ru_maxrss's unit differs.
func maxRSS(*os.ProcessState) int64 { return 0 }

// sampleTreeRSS needs /proc; elsewhere the peak is not measured.
func sampleTreeRSS(int, time.Duration) func() int64 { return func() int64 { return 0 } }
