package orders

// CodesIn finds the order codes in a bank transfer's note, in the stored
// form GN-XXXXXX, in the order they appear and without repeats. People and
// banking apps write the note every way: any case, the dash dropped or
// turned into a space or a dot, the code glued to the words around it
// ("CKGN7K3F9QTU NGUYEN VAN A", "MBVCB.1234.gn-7k3f9q.CT"). So a code is
// "GN", then at most three separators, then six characters of the code
// alphabet with at most one separator between any two; what comes before
// or after does not matter. Text of any kind and length is safe to pass:
// it is read once, byte by byte, and non-ASCII bytes end a candidate.
func CodesIn(s string) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(s); i++ {
		if upper(s[i]) != 'G' || upper(s[i+1]) != 'N' {
			continue
		}
		code, ok := codeAfter(s, i+2)
		if !ok || seen[code] {
			continue
		}
		seen[code] = true
		out = append(out, code)
	}
	return out
}

// codeAfter reads the six characters of a code starting at s[i], allowing
// up to three separators before the first (" - ") and one between any two.
func codeAfter(s string, i int) (string, bool) {
	var b [len(CodePrefix) + codeLen]byte
	copy(b[:], CodePrefix)
	n := len(CodePrefix)
	gap, maxGap := 0, 3
	for ; i < len(s) && n < len(b); i++ {
		c := upper(s[i])
		switch {
		case isSeparator(c):
			if gap++; gap > maxGap {
				return "", false
			}
		case inAlphabet(c):
			b[n] = c
			n++
			gap, maxGap = 0, 1
		default:
			return "", false
		}
	}
	if n < len(b) {
		return "", false
	}
	return string(b[:]), true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isSeparator(c byte) bool {
	return c == '-' || c == ' ' || c == '.' || c == '_' || c == '\t'
}

// inAlphabet says whether c, already upper case, is a character of codes.
func inAlphabet(c byte) bool {
	for j := 0; j < len(codeAlphabet); j++ {
		if codeAlphabet[j] == c {
			return true
		}
	}
	return false
}
