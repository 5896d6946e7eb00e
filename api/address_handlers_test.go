package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/privacy/privacytest"
)

// TestSavedAddressesAPI: a shopper keeps up to 20 checked addresses with
// exactly one default; nobody else sees them; they are in her export and
// leave with her account.
func TestSavedAddressesAPI(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		mai := e.SignUp("0913200001", "Lê Thị Mai")
		lan := e.SignUp("0913200002", "Đỗ Thị Lan")
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me/addresses"})

		add := func(token string, body map[string]any) request {
			return request{Method: "POST", Path: "/api/v1/me/addresses", Token: token, Body: body}
		}
		home := map[string]any{"recipient_name": "Lê Thị Mai", "phone": "0913 200 001", "province": "ninh-binh",
			"commune": "Xã Kim Sơn", "street": "Xóm 5, thôn Lưu Phương"}
		var first, second addresses.Address
		e.Expect(201, add(mai, home)).JSON(t, &first)
		if !first.IsDefault || first.Commune != communeCode(t, "ninh-binh", "Xã Kim Sơn") || first.CommuneName != "Xã Kim Sơn" ||
			first.ProvinceName != "Ninh Bình" || first.Phone != "+84913200001" {
			t.Fatalf("first address = %+v", first)
		}
		work := map[string]any{"recipient_name": "Lê Thị Mai", "phone": "0913200001", "province": "ha-noi",
			"commune": "00070", "street": "12 Hàng Bạc"}
		e.Expect(201, add(mai, work)).JSON(t, &second)
		if second.IsDefault || second.CommuneName != "Phường Hoàn Kiếm" {
			t.Fatalf("second address = %+v, want not the default", second)
		}

		bad := map[string]any{"recipient_name": "", "phone": "123", "province": "ninh-binh", "commune": "Xa Kim Son", "street": ""}
		p := e.ExpectProblem(422, "validation_failed", add(mai, bad))
		for _, f := range []string{"recipient_name", "phone", "commune", "street"} {
			if problemField(p, f) == "" {
				t.Errorf("no error on %s: %+v", f, p.Errors)
			}
		}
		if p := e.ExpectProblem(422, "validation_failed", add(mai, map[string]any{"recipient_name": "A", "user_id": "x"})); problemField(p, "user_id") == "" {
			t.Fatalf("an owner in the body: %+v", p)
		}

		list := func(token string) []addresses.Address {
			var out []addresses.Address
			e.Expect(200, request{Method: "GET", Path: "/api/v1/me/addresses", Token: token}).JSON(t, &out)
			return out
		}
		if got := list(lan); len(got) != 0 {
			t.Fatalf("Lan sees %d addresses", len(got))
		}
		// Another's address is not found, whatever the call.
		for _, r := range []request{
			{Method: "PATCH", Path: "/api/v1/me/addresses/" + first.ID, Token: lan, Body: map[string]string{"street": "x"}},
			{Method: "POST", Path: "/api/v1/me/addresses/" + first.ID + "/default", Token: lan},
			{Method: "DELETE", Path: "/api/v1/me/addresses/" + first.ID, Token: lan},
		} {
			e.ExpectProblem(404, "not_found", r)
		}

		e.Expect(200, request{Method: "POST", Path: "/api/v1/me/addresses/" + second.ID + "/default", Token: mai})
		got := list(mai)
		if len(got) != 2 || got[0].ID != second.ID || !got[0].IsDefault || got[1].IsDefault {
			t.Fatalf("after moving the default: %+v", got)
		}
		var moved addresses.Address
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/me/addresses/" + first.ID, Token: mai,
			Body: map[string]string{"province": "ha-noi", "commune": "Phường Ba Đình"}}).JSON(t, &moved)
		if moved.Province != "ha-noi" || moved.CommuneName != "Phường Ba Đình" || moved.Street != home["street"] {
			t.Fatalf("patched = %+v", moved)
		}
		p = e.ExpectProblem(422, "validation_failed", request{Method: "PATCH", Path: "/api/v1/me/addresses/" + first.ID, Token: mai,
			Body: map[string]string{"province": "ninh-binh"}})
		if problemField(p, "commune") == "" {
			t.Fatalf("a province without a commune of it: %+v", p)
		}

		// Deleting the default makes the other one the default.
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/me/addresses/" + second.ID, Token: mai})
		if got := list(mai); len(got) != 1 || got[0].ID != first.ID || !got[0].IsDefault {
			t.Fatalf("after deleting the default: %+v", got)
		}

		// At most 20.
		for i := len(list(mai)); i < addresses.Max; i++ {
			body := map[string]any{}
			for k, v := range work {
				body[k] = v
			}
			body["street"] = fmt.Sprintf("Số %d Hàng Bạc", i)
			e.Expect(201, add(mai, body))
		}
		e.ExpectProblem(409, addresses.CodeBookFull, add(mai, work))

		// In the export, and gone with the account.
		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/me/export", Token: mai})
		var export struct {
			SavedAddresses []map[string]any `json:"saved_addresses"`
		}
		if err := json.Unmarshal(res.Body, &export); err != nil {
			t.Fatal(err)
		}
		if len(export.SavedAddresses) != addresses.Max {
			t.Fatalf("export has %d saved addresses, want %d", len(export.SavedAddresses), addresses.Max)
		}
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/me", Token: mai, Body: map[string]string{"password": testPassword}})
		for _, needle := range []string{"+84913200001", "Xóm 5, thôn Lưu Phương"} {
			if found := privacytest.Traces(t, e.DB, needle); len(found) > 0 {
				t.Errorf("%q is still in %v", needle, found)
			}
		}
	})
}
