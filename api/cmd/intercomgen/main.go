// Command intercomgen turns the pinned Intercom OpenAPI descriptions into the
// Go packages under gen/. The Makefile runs it with "go run"; see README.md.
//
//	intercomgen fetch                        verify (and cache) every pinned description
//	intercomgen generate [-version V]        regenerate gen/ (or one version, pinning it)
//	intercomgen check-versions               generate and build every pinned version in a temp dir
//	intercomgen normalize -version V -o F    write one normalised description (-wire: as on the wire, for Prism)
//	intercomgen diff -from A -to B           print what changes between two pinned versions
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "intercomgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: intercomgen fetch|generate|check-versions|normalize|diff [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	p := projectFlags(fs)
	version := fs.String("version", "", "one version (e.g. 2.15, or Preview); default: all")
	commit := fs.String("commit", "", "with generate -version: upstream commit to pin (default: the commit the lock already uses)")
	out := fs.String("o", "", "with normalize: output file")
	wire := fs.Bool("wire", false, "with normalize: leave out the properties added for the Go types (what Prism mocks)")
	from := fs.String("from", "", "with diff: the version moved from")
	to := fs.String("to", "", "with diff: the version moved to")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	prj, err := p.open()
	if err != nil {
		return err
	}
	switch args[0] {
	case "fetch":
		return prj.fetchAll(ctx, *version)
	case "generate":
		return prj.generate(ctx, *version, *commit)
	case "check-versions":
		return prj.checkVersions(ctx)
	case "normalize":
		if *version == "" || *out == "" {
			return fmt.Errorf("normalize needs -version and -o")
		}
		return prj.normalizeTo(ctx, *version, *out, *wire)
	case "diff":
		return prj.diff(ctx, *from, *to, os.Stdout)
	}
	return fmt.Errorf("unknown command %q", args[0])
}
