package orders

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/outbox"
	"gorm.io/gorm"
)

// CheckoutRequest is one POST /checkout.
type CheckoutRequest struct {
	// Key is the Idempotency-Key header: required, at most 255 characters,
	// scoped to the caller (their account, or a guest's phone number).
	Key   string
	Input CheckoutInput
	// Refusal renders a refused checkout (out_of_stock, not_purchasable) as
	// the client will receive it. The bytes are stored with the key, so a
	// retry gets them unchanged. Nil stores {code, detail, errors}.
	Refusal func(err error) (status int, body []byte)
}

// CheckoutResult is the body of a checkout that placed its orders.
type CheckoutResult struct {
	CheckoutID string  `json:"checkout_id"`
	TotalVND   int64   `json:"total_vnd"`
	Orders     []Order `json:"orders"`
}

// Checkout places one order per cooperative of the cart, in one transaction,
// at most once per Idempotency-Key.
//
// Every answer stored with the key comes back as a Response: 201 with a
// CheckoutResult, or 409 when the cart was refused (out_of_stock naming the
// short lines, not_purchasable), and the same bytes again for a retry with
// the same key and body. Answers that are not stored are errors: a missing
// key (idempotency_key_missing), a key in use by a running attempt
// (idempotency_in_progress) or for another body (idempotency_mismatch),
// validation failures and internal errors; the last two free the key so the
// client may retry.
func (s *Service) Checkout(ctx context.Context, a kernel.Caller, req CheckoutRequest) (*Response, error) {
	switch {
	case req.Key == "":
		return nil, ErrKeyMissing()
	case len(req.Key) > MaxKeyLen:
		return nil, apperr.Field("Idempotency-Key", "Khoá Idempotency-Key tối đa 255 ký tự.")
	}
	account, err := s.buyerAccount(ctx, a, req.Input.Buyer)
	if err != nil {
		return nil, err
	}
	co, err := req.Input.validate(account)
	if err != nil {
		return nil, err
	}
	fp, err := fingerprint(req.Input)
	if err != nil {
		return nil, apperr.Wrap(err, "fingerprint checkout")
	}
	cl, err := s.claimKey(ctx, scopeOf(a, co.buyer.Phone), req.Key, fp)
	if err != nil {
		return nil, err
	}
	if cl.replay != nil {
		return cl.replay, nil
	}
	resp, err := s.placeOrders(ctx, a, co, cl)
	switch {
	case err == nil:
		return resp, nil
	case isRefusal(err):
		return s.storeRefusal(ctx, cl, err, req.Refusal)
	case apperr.CodeOf(err) == CodeIdempotencyInProgress:
		return nil, err // another attempt owns the key now; leave it alone
	}
	s.release(ctx, cl)
	return nil, err
}

// scopeOf is the namespace of a caller's keys: two people can never collide
// on, or replay, each other's key.
func scopeOf(a kernel.Caller, phone string) string {
	if a.SignedIn() {
		return "user:" + a.UserID
	}
	return "phone:" + phone
}

// buyerAccount loads the signed-in buyer when the body leaves their name or
// phone for the account to fill in.
func (s *Service) buyerAccount(ctx context.Context, a kernel.Caller, in *BuyerInput) (*accounts.User, error) {
	if !a.SignedIn() || (in != nil && in.Name != "" && in.Phone != "") {
		return nil, nil
	}
	var u accounts.User
	if err := s.read(ctx).Where("id = ?", a.UserID).Take(&u).Error; err != nil {
		return nil, apperr.Wrap(err, "load buyer account")
	}
	return &u, nil
}

// isRefusal says whether a checkout failed on the state of the catalog
// (stock, purchasability): an answer worth storing with the key.
func isRefusal(err error) bool {
	code := apperr.CodeOf(err)
	return code == CodeOutOfStock || code == CodeNotPurchasable
}

// storeRefusal saves a refused checkout's answer with its key.
func (s *Service) storeRefusal(ctx context.Context, cl *claim, cause error, render func(error) (int, []byte)) (*Response, error) {
	if render == nil {
		render = defaultRefusal
	}
	status, body := render(cause)
	if err := s.finish(s.read(context.WithoutCancel(ctx)), cl, status, body); err != nil {
		s.release(ctx, cl)
		return nil, cause
	}
	return &Response{Status: status, Body: body}, nil
}

func defaultRefusal(err error) (int, []byte) {
	e := apperr.As(err)
	body, _ := json.Marshal(map[string]any{"code": e.Code, "detail": e.Message, "errors": e.Fields})
	return http.StatusConflict, body
}

// placeOrders is the checkout transaction: price the cart holding its
// sellers, then, in one pipeline (one round trip on PostgreSQL), write the
// orders with their items and first history row, store the answer with the
// key, take the stock and count the sales, and queue the products for
// search and the coops' notifications (one outbox INSERT, outbox.Gather).
// A sale that takes a variant to low stock writes its warning after.
//
// The stock comes last on purpose: its rows are the ones concurrent
// checkouts of a popular product wait on, and their locks are held from the
// stock UPDATE to the commit. Nothing written before depends on it; when a
// line is short the whole transaction rolls back as before.
func (s *Service) placeOrders(ctx context.Context, a kernel.Caller, co *checkout, cl *claim) (*Response, error) {
	var resp *Response
	err := s.tx(ctx, "checkout", func(tx *gorm.DB) error {
		return outbox.Gather(tx, func(tx *gorm.DB) error {
			c, err := priceCart(tx, co.lines, &catalog.SaleBuyer{UserID: a.UserID, Phone: co.buyer.Phone})
			if err != nil {
				return err
			}
			if err := refuseOwnCoop(a, c); err != nil {
				return err
			}
			if co.method == PayBankTransfer {
				if err := checkBanks(c); err != nil {
					return err
				}
			}
			p := database.NewPipeline(tx)
			result, placed, err := s.writeOrders(p, a, co, c)
			if err != nil {
				return err
			}
			body, err := json.Marshal(result)
			if err != nil {
				return err
			}
			s.finishOn(p, cl, http.StatusCreated, body)
			taking, err := takeStock(p, c)
			if err != nil {
				return err
			}
			if err := notifyPlaced(tx, placed, c); err != nil {
				return err
			}
			outbox.QueueGathered(p)
			if err := p.Run(); err != nil {
				return err
			}
			left, err := stockLeft(taking, c)
			if err != nil {
				return err
			}
			if err := notifyLowStock(tx, c, left); err != nil {
				return err
			}
			resp = &Response{Status: http.StatusCreated, Body: body}
			return nil
		})
	})
	return resp, err
}

// checkBanks refuses a bank transfer to a coop that has no bank account.
func checkBanks(c *cart) error {
	for _, g := range c.groups {
		if !g.coop.hasBank() {
			return apperr.Field("payment_method", "Hợp tác xã «"+g.coop.Name+"» chưa nhận chuyển khoản; hãy chọn trả tiền khi nhận hàng (cod).")
		}
	}
	return nil
}
