package vietqr

import "testing"

// The catalogue check value of CRC-16/CCITT-FALSE.
func TestCRC16_CheckValue(t *testing.T) {
	if got := crc16([]byte("123456789")); got != 0x29B1 {
		t.Fatalf("crc16(123456789) = %#04X, want 0x29B1", got)
	}
	if got := crcHex("123456789"); got != "29B1" {
		t.Fatalf("crcHex = %s, want 29B1", got)
	}
}

// A CRC with leading zero nibbles must still be four digits.
func TestCRCHex_Pads(t *testing.T) {
	if got := crcHex(""); got != "FFFF" {
		t.Fatalf(`crcHex("") = %s, want FFFF`, got)
	}
	for i := range 5000 {
		s := string(rune('A'+i%26)) + string(rune('0'+i%10)) + string(rune(i))
		if h := crcHex(s); len(h) != 4 {
			t.Fatalf("crcHex(%q) = %q, want 4 digits", s, h)
		}
	}
}
