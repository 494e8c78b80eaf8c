package main

import (
	"testing"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFacadeVersionsNaming(t *testing.T) {
	lf, err := lock.Parse([]byte("repository r\nraw r\n" +
		"2.11 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"2.16 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"0 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"2.7 check " + testCommit + " " + lock.Sum(nil) + "\n"))
	require.NoError(t, err)
	var got []string
	for _, v := range facadeVersions(lf) {
		got = append(got, v.Suffix+"="+v.Package)
	}
	assert.Equal(t, []string{"V2_11=v2_11", "=v2_16", "Preview=preview"}, got)
}
