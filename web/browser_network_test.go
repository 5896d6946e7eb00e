package web_test

import (
	"context"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// regular3G throttles the page's network as Chrome's "Regular 3G" profile
// does: 100 ms of latency, 750 kbit/s down, 250 kbit/s up.
func regular3G() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 100, DownloadThroughput: 750 * 1000 / 8,
				UploadThroughput: 250 * 1000 / 8, ConnectionType: network.ConnectionTypeCellular3g}},
		})
		return err
	})
}
