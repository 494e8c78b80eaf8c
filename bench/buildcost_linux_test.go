package bench

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helper process: as "parent" it runs itself as "child" and waits, as
// the go command runs the compiler; as "child" it holds 64 MiB resident
// for a second, burns some CPU, and writes its own CPU time to a file.
func TestRusageHelperProcess(t *testing.T) {
	switch os.Getenv("BENCH_RUSAGE_ROLE") {
	case "parent":
		cmd := exec.Command(os.Args[0], "-test.run=^TestRusageHelperProcess$")
		cmd.Env = append(os.Environ(), "BENCH_RUSAGE_ROLE=child")
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "child: %v\n%s", err, out)
			os.Exit(1)
		}
		os.Exit(0)
	case "child":
		mem := make([]byte, 64<<20)
		for i := range mem {
			mem[i] = byte(i)
		}
		sum := sha256.Sum256(mem)
		for range 20 {
			sum = sha256.Sum256(mem) // CPU the parent must account for
		}
		time.Sleep(time.Second)
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			os.Exit(1)
		}
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		if err := os.WriteFile(os.Getenv("BENCH_RUSAGE_OUT"), []byte(strconv.FormatInt(int64(cpu), 10)), 0o644); err != nil {
			os.Exit(1)
		}
		fmt.Println(sum[0], mem[len(mem)-1])
		os.Exit(0)
	}
}

// measureCmd must count what the command's own children cost, as the go
// command's compilers: their CPU, and their memory in both figures.
func TestMeasureCmdCountsDescendants(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cpu")
	env := append(os.Environ(), "BENCH_RUSAGE_ROLE=parent", "BENCH_RUSAGE_OUT="+out)
	u, err := measureCmd(context.Background(), "", env, os.Args[0], "-test.run=^TestRusageHelperProcess$")
	require.NoError(t, err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	childCPU, err := strconv.ParseInt(string(b), 10, 64)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, u.CPU(), time.Duration(childCPU), "CPU %v, less than the grandchild's own %v", u.CPU(), time.Duration(childCPU))
	const held = 64 << 20
	assert.GreaterOrEqual(t, u.MaxRSS, int64(held), "MaxRSS %d, want at least the grandchild's %d", u.MaxRSS, held)
	assert.GreaterOrEqual(t, u.PeakRSS, int64(held), "PeakRSS %d, want at least the grandchild's %d", u.PeakRSS, held)
	assert.GreaterOrEqual(t, u.Wall, time.Second, "Wall %v, shorter than the grandchild's sleep", u.Wall)
}

func TestParseStatReadsPidAndParentPastOddNames(t *testing.T) {
	pid, ppid, ok := parseStat([]byte("4242 (go (build) x) S 17 4242 4242 0 -1"))
	require.True(t, ok, "parseStat = %d, %d, %v; want 4242, 17, true", pid, ppid, ok)
	require.Equal(t, 4242, pid, "parseStat = %d, %d, %v; want 4242, 17, true", pid, ppid, ok)
	require.Equal(t, 17, ppid, "parseStat = %d, %d, %v; want 4242, 17, true", pid, ppid, ok)
	_, _, ok = parseStat([]byte("garbage"))
	require.False(t, ok, "parseStat accepted garbage")
}
