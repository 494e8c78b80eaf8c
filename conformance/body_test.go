package conformance

import (
	"bytes"
	"io"
	"net/http"
)

// maxBody caps how much of a response the recorder keeps.
const maxBody = 16 << 20

// readAll reads the response body and puts an identical reader back.
func readAll(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return b, nil
}
