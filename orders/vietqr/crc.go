package vietqr

// crc16 is CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no
// final xor), the checksum EMVCo puts in tag 63. Bitwise rather than a table:
// payloads are ~120 bytes and made once per order view.
func crc16(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, b := range data {
		crc ^= uint16(b) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// crcHex is the tag 63 value for s: its CRC as 4 uppercase hex digits.
func crcHex(s string) string {
	const hex = "0123456789ABCDEF"
	c := crc16([]byte(s))
	return string([]byte{hex[c>>12], hex[c>>8&0xF], hex[c>>4&0xF], hex[c&0xF]})
}
