package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// snapshot keeps what `generate` may overwrite, so that a failed run
// leaves the project as it found it: the lock, gen/ and every generated
// table and file outside gen/.
type snapshot struct {
	root   string
	files  map[string][]byte // path -> content before the run
	globs  []string
	genBak string // copy of gen/ ("" when there was none)
}

// generatedGlobs are the files outside gen/ that generate writes.
var generatedGlobs = []string{
	"api/versions.lock",
	"api/pagination/*.yaml",
	"api/retry/*.yaml",
	"facade/*.gen.go",
	"facade/*.gen_test.go",
	"internal/codectest/*.gen.go",
	"api/examplecheck/*_examples_test.go",
}

func (p *project) snapshot() (*snapshot, error) {
	s := &snapshot{root: p.root, files: map[string][]byte{}, globs: generatedGlobs}
	for _, g := range s.globs {
		matches, err := filepath.Glob(filepath.Join(p.root, g))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			data, err := os.ReadFile(m)
			if err != nil {
				return nil, err
			}
			s.files[m] = data
		}
	}
	gen := filepath.Join(p.root, "gen")
	if _, err := os.Stat(gen); err == nil {
		if err := os.MkdirAll(filepath.Join(p.root, ".cache"), 0o755); err != nil {
			return nil, err
		}
		bak, err := os.MkdirTemp(filepath.Join(p.root, ".cache"), "gen-before-")
		if err != nil {
			return nil, err
		}
		if err := copyTree(gen, bak); err != nil {
			os.RemoveAll(bak)
			return nil, fmt.Errorf("saving gen/ before generating: %w", err)
		}
		s.genBak = bak
	}
	return s, nil
}

// restore puts back every saved file, removes files the run created, and
// puts gen/ back as it was.
func (s *snapshot) restore() error {
	var errs []error
	for _, g := range s.globs {
		matches, _ := filepath.Glob(filepath.Join(s.root, g))
		for _, m := range matches {
			if _, ok := s.files[m]; !ok {
				errs = append(errs, os.Remove(m))
			}
		}
	}
	for path, data := range s.files {
		errs = append(errs, os.WriteFile(path, data, 0o644))
	}
	if s.genBak != "" {
		gen := filepath.Join(s.root, "gen")
		if err := os.RemoveAll(gen); err != nil {
			errs = append(errs, err)
		} else {
			errs = append(errs, os.Rename(s.genBak, gen))
		}
	}
	return errors.Join(errs...)
}

// discard drops the saved copy after a successful run.
func (s *snapshot) discard() {
	if s.genBak != "" {
		os.RemoveAll(s.genBak)
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
