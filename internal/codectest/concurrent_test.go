package codectest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
)

// TestConcurrentDecodesAgree decodes long lists (which go through the
// pooled scratch slices) from several goroutines at once: every result must
// equal encoding/json's. Run with -race to check the sharing.
func TestConcurrentDecodesAgree(t *testing.T) {
	var docs [][]byte
	for g := 0; g < 4; g++ {
		var b bytes.Buffer
		b.WriteString(`{"type":"list","data":[`)
		for i := 0; i < 40+g*7; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"id":"` + strconv.Itoa(g*1000+i) + `","email":"e` + strconv.Itoa(i) + `@x.io","custom_attributes":{"n":` + strconv.Itoa(i) + `,"s":"v"},"tags":{"data":[{"id":"t` + strconv.Itoa(i) + `"}]}}`)
		}
		b.WriteString(`]}`)
		docs = append(docs, b.Bytes())
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for r := 0; r < 20; r++ {
				data := docs[(g+r)%len(docs)]
				var want, got v2_16.ContactList
				if err := json.Unmarshal(data, &want); err != nil {
					errs <- err.Error()
					return
				}
				if err := v2_16.DecodeJSON(data, &got); err != nil || !reflect.DeepEqual(want, got) {
					errs <- "goroutine " + strconv.Itoa(g) + ": results differ"
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	var failures []string
	for e := range errs {
		failures = append(failures, e)
	}
	assert.Empty(t, failures)
}
