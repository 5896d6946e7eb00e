package accounts

import (
	"strings"
	"testing"
)

func TestHashPasswordUsesArgon2idOWASPParameters(t *testing.T) {
	h, err := HashPassword("cơm cháy Ninh Bình")
	if err != nil {
		t.Fatal(err)
	}
	p, salt, key, err := parseHash(h)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") || p.memory < 19*1024 || p.time < 2 || p.threads != 1 {
		t.Fatalf("hash %q does not meet m>=19MiB t>=2 p=1", h)
	}
	if len(salt) < 16 || len(key) < 32 {
		t.Fatalf("salt %d bytes, key %d bytes", len(salt), len(key))
	}
	h2, _ := HashPassword("cơm cháy Ninh Bình")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
}

func TestVerifyPassword(t *testing.T) {
	h, err := HashPassword("mật khẩu đúng")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		pw   string
		want bool
	}{
		{"OK", "mật khẩu đúng", true},
		{"Wrong", "mật khẩu sai", false},
		{"Unaccented", "mat khau dung", false},
		{"Empty", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := VerifyPassword(c.pw, h)
			if err != nil || got != c.want {
				t.Fatalf("VerifyPassword = %v, %v; want %v", got, err, c.want)
			}
		})
	}
	t.Run("MalformedHash", func(t *testing.T) {
		for _, bad := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=x$a$b", "$argon2i$v=19$m=1,t=1,p=1$YQ$YQ"} {
			if _, err := VerifyPassword("x", bad); err == nil {
				t.Errorf("VerifyPassword accepted hash %q", bad)
			}
		}
	})
}

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"TooShort", "abc1234", false},
		{"EightRunes", "đặcsảnđ", false}, // seven runes, more bytes
		{"MinLength", "gánhhàng", true},
		{"MaxLength", strings.Repeat("ơ", MaxPasswordLen), true},
		{"TooLong", strings.Repeat("a", MaxPasswordLen+1), false},
		{"Common", "password123", false},
		{"CommonUpper", "PASSWORD123", false},
		{"CommonDigits", "12345678", false},
		{"Vietnamese", "mật khẩu của chị Lan", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckPassword(c.pw)
			if (err == nil) != c.ok {
				t.Fatalf("CheckPassword(%q) = %v, want ok=%v", c.pw, err, c.ok)
			}
		})
	}
}

func TestCommonPasswordListIsLarge(t *testing.T) {
	isCommonPassword("")
	if len(common) < 2000 {
		t.Fatalf("common password list has %d entries, want a few thousand", len(common))
	}
}
