package facade

import (
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// modulePath is this module's import path, taken from the package's own so
// that it cannot drift.
var modulePath = strings.TrimSuffix(reflect.TypeFor[Core]().PkgPath(), "/facade")

// defaultUserAgent names the module, its version and the Go version:
// "intercom-go/v1.2.3 (github.com/intercom-go/intercom; go1.26.0)".
var defaultUserAgent = sync.OnceValue(func() string {
	return "intercom-go/" + moduleVersion() + " (" + modulePath + "; " + runtime.Version() + ")"
})

// userAgent is the default User-Agent followed by the caller's products.
func userAgent(extra string) string {
	if extra == "" {
		return defaultUserAgent()
	}
	return defaultUserAgent() + " " + extra
}

// moduleVersion is the version of this module in the running binary's
// build information, "devel" when unknown (tests, a replaced module, a
// build from a checkout).
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionIn(info, modulePath)
}

func versionIn(info *debug.BuildInfo, path string) string {
	m := &info.Main
	if m.Path != path {
		m = nil
		for _, d := range info.Deps {
			if d.Path == path {
				m = d
				break
			}
		}
	}
	if m != nil && m.Replace != nil {
		m = m.Replace
	}
	if m == nil || m.Version == "" || m.Version == "(devel)" {
		return "devel"
	}
	return m.Version
}
