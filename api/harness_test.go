package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"
)

// testConfig is the configuration API tests run with.
func testConfig(t testing.TB) config.Config {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = t.TempDir()
	return cfg
}

// testEnv is an app over a fresh database plus a client that checks every
// response against the OpenAPI document.
type testEnv struct {
	t        *testing.T
	DB       *gorm.DB
	App      *fiber.App
	Accounts *accounts.Service
	router   routers.Router
}

// newEnv builds the app over db with deps adjusted by opts.
func newEnv(t *testing.T, db *gorm.DB, opts ...func(*api.Deps)) *testEnv {
	t.Helper()
	catalogtest.CheckDocuments(t, db)
	cfg := testConfig(t)
	accounts.UseTestHashCost()
	acc := accounts.NewService(db, accounts.Options{})
	d := api.Deps{Config: cfg, DB: db, Accounts: acc}
	for _, o := range opts {
		o(&d)
	}
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{t: t, DB: db, App: api.New(d), Accounts: acc, router: router}
}

// With returns a copy of the env that reports to t, for use in subtests.
func (e *testEnv) With(t *testing.T) *testEnv {
	c := *e
	c.t = t
	return &c
}

// eachDB runs fn against a fresh app on every available database engine.
func eachDB(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) { fn(t, newEnv(t, db)) })
}

// response is what a test request got back.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on malformed JSON.
func (r *response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem decodes a problem+json body.
func (r *response) Problem(t testing.TB) api.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json; body %s", ct, r.Body)
	}
	var p api.Problem
	r.JSON(t, &p)
	return p
}

// request describes one call in a scenario.
type request struct {
	Method  string
	Path    string
	Body    any // marshalled as JSON unless a string or []byte
	Token   string
	Header  map[string]string
	RawType string // Content-Type for a raw body; "application/json" by default
	// CrossCutting marks an answer any operation may give (openapi.yaml's
	// description lists them: a passed deadline, text that is not UTF-8):
	// its body must be a problem, its status need not be listed.
	CrossCutting bool
}

// Do sends req through the app and validates the response against the
// OpenAPI document: an undocumented status or a body of the wrong shape
// fails the test.
func (e *testEnv) Do(req request) *response {
	e.t.Helper()
	var body io.Reader
	var raw []byte
	switch b := req.Body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.t.Fatal(err)
		}
	}
	if raw != nil {
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(req.Method, req.Path, body)
	if raw != nil {
		ct := req.RawType
		if ct == "" {
			ct = "application/json"
		}
		hr.Header.Set("Content-Type", ct)
	}
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		hr.Header.Set(k, v)
	}
	res, err := e.App.Test(hr, -1)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.Path, err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	out := &response{Status: res.StatusCode, Header: res.Header, Body: got}
	e.validate(req, raw, out)
	return out
}

func (e *testEnv) validate(req request, raw []byte, res *response) {
	e.t.Helper()
	hr := httptest.NewRequest(req.Method, req.Path, bytes.NewReader(raw))
	route, params, err := e.router.FindRoute(hr)
	if err != nil {
		if res.Status == http.StatusNotFound || res.Status == http.StatusMethodNotAllowed {
			return // a path the API does not have, answered as such
		}
		e.t.Fatalf("%s %s answered %d but is not in openapi.yaml: %v", req.Method, req.Path, res.Status, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 res.Status,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(res.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: !req.CrossCutting},
	}
	if req.CrossCutting {
		res.Problem(e.t)
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		out.Options.ExcludeResponseBody = true
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		e.t.Fatalf("%s %s → %d does not match openapi.yaml: %v\nbody: %.500s", req.Method, req.Path, res.Status, err, res.Body)
	}
}

// Expect sends req and fails unless the status is want.
func (e *testEnv) Expect(want int, req request) *response {
	e.t.Helper()
	res := e.Do(req)
	if res.Status != want {
		e.t.Fatalf("%s %s = %d, want %d; body %s", req.Method, req.Path, res.Status, want, res.Body)
	}
	return res
}

// ExpectProblem sends req and checks the problem's status and code.
func (e *testEnv) ExpectProblem(status int, code string, req request) api.Problem {
	e.t.Helper()
	res := e.Expect(status, req)
	p := res.Problem(e.t)
	if p.Code != code || p.Status != status {
		e.t.Fatalf("%s %s: problem %+v, want status %d code %q", req.Method, req.Path, p, status, code)
	}
	return p
}

// SignUp registers a shopper through the API and returns its token.
func (e *testEnv) SignUp(phone, name string) string {
	e.t.Helper()
	res := e.Expect(201, request{Method: "POST", Path: "/api/v1/auth/register",
		Body: map[string]string{"phone": phone, "password": "mật khẩu an toàn", "name": name}})
	var out struct{ Token string }
	res.JSON(e.t, &out)
	return out.Token
}

// UserWithRole creates a user with role directly and signs it in.
func (e *testEnv) UserWithRole(phone, name string, role kernel.Role) string {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.Accounts.CreateUser(ctx, accounts.RegisterInput{Phone: phone, Password: "mật khẩu an toàn", Name: name}, role); err != nil {
		e.t.Fatal(err)
	}
	in, err := e.Accounts.Login(ctx, phone, "mật khẩu an toàn", "")
	if err != nil {
		e.t.Fatal(err)
	}
	return in.Token
}
