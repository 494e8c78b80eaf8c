// Package buildcost holds the hello-world programs whose build cost
// make bench reports (bench/buildcost.go): default and v2_11 make one call
// through the client pinned to the default version (2.16) and to 2.11;
// bare_v2_16 and bare_v2_11 make the same call through the generated
// package alone, the floor the client programs are weighed against;
// nethttp makes one request with net/http alone, the standard library's
// share of every cold build (and the binary size baseline). Keep
// them as small as a user's first program: what they cost to compile is
// what a user pays.
package buildcost
