package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/intercom-go/intercom/api/lock"
)

// checkVersions generates every pinned version, generated or not, into a
// scratch directory inside the module and runs go build and go vet on it.
func (p *project) checkVersions(ctx context.Context) error {
	scratch := p.path(".cache", "check")
	if err := os.RemoveAll(scratch); err != nil {
		return err
	}
	var pkgs []string
	for _, e := range p.lock.Entries {
		dir := filepath.Join(scratch, lock.Package(e.Version))
		if err := p.generateInto(ctx, e, dir, false); err != nil {
			return err
		}
		pkgs = append(pkgs, "./"+filepath.ToSlash(filepath.Join(".cache", "check", lock.Package(e.Version))))
	}
	for _, verb := range []string{"build", "vet"} {
		cmd := exec.CommandContext(ctx, "go", append([]string{verb}, pkgs...)...)
		cmd.Dir = p.root
		cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s of generated versions: %w", verb, err)
		}
	}
	fmt.Fprintf(p.stderr, "check-versions: %d versions generate, build and vet\n", len(pkgs))
	return nil
}
