package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// NodeResult is the official Node SDK's export of the same contacts.
type NodeResult struct {
	SDK, Node string
	Items     int
	Time      time.Duration // median of the timed runs, after one warm-up
}

// RunNode installs the pinned Node SDK into root/.cache/bench-node (via
// scripts/bench-node.sh) and lists every contact of base through it.
func RunNode(ctx context.Context, root, base string, perPage, runs int) (NodeResult, error) {
	install := exec.CommandContext(ctx, "sh", "scripts/bench-node.sh", filepath.Join(root, ".cache", "bench-node"))
	install.Dir = root
	install.Stderr = os.Stderr
	out, err := install.Output()
	if err != nil {
		return NodeResult{}, fmt.Errorf("install the Node SDK: %w", err)
	}
	dir := strings.TrimSpace(string(out))
	cmd := exec.CommandContext(ctx, "node", filepath.Join(root, "bench", "node", "export.mjs"))
	cmd.Env = append(os.Environ(), "BASE_URL="+base, "NODE_SDK_DIR="+dir,
		"PER_PAGE="+strconv.Itoa(perPage), "RUNS="+strconv.Itoa(runs))
	cmd.Stderr = os.Stderr
	out, err = cmd.Output()
	if err != nil {
		return NodeResult{}, fmt.Errorf("node export: %w", err)
	}
	var r struct {
		SDK   string    `json:"sdk"`
		Node  string    `json:"node"`
		Items int       `json:"items"`
		MS    []float64 `json:"ms"`
	}
	if err := json.Unmarshal(out, &r); err != nil || len(r.MS) == 0 {
		return NodeResult{}, fmt.Errorf("node export printed %q: %v", out, err)
	}
	sort.Float64s(r.MS)
	return NodeResult{SDK: r.SDK, Node: r.Node, Items: r.Items,
		Time: time.Duration(r.MS[len(r.MS)/2] * float64(time.Millisecond))}, nil
}
