package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// postJSON posts body as JSON to url with headers and decodes a JSON answer
// into out. A 5xx or a transport failure (timeout included) is an error to
// retry; a 4xx is permanent: the same request would be refused again.
func postJSON(ctx context.Context, client *http.Client, url string, headers map[string]string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		// The URL may carry a key in its query: keep only the failure.
		return fmt.Errorf("request failed: %s", redactURL(err.Error(), url))
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	switch {
	case res.StatusCode >= 500:
		return fmt.Errorf("provider answered %d", res.StatusCode)
	case res.StatusCode >= 400:
		return Permanent(fmt.Errorf("provider answered %d", res.StatusCode))
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("provider answer is not JSON: %w", err)
	}
	return nil
}

func redactURL(msg, url string) string { return strings.ReplaceAll(msg, url, "<provider>") }
