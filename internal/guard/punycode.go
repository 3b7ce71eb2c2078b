package guard

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Punycode (RFC 3492), enough to turn an internationalized host name into
// its ASCII form and back. The parameters are the RFC's.
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
)

var errPunycode = errors.New("invalid punycode")

func pcAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}

func pcDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// punyEncode encodes one label's code points.
func punyEncode(label string) (string, error) {
	runes := []rune(label)
	var out []byte
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := pcInitialN, 0, pcInitialBias
	for h < len(runes) {
		m := int(^uint(0) >> 1)
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		if delta < 0 {
			return "", errPunycode
		}
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := pcBase; ; k += pcBase {
					t := k - bias
					if t < pcTMin {
						t = pcTMin
					} else if t > pcTMax {
						t = pcTMax
					}
					if q < t {
						break
					}
					out = append(out, pcDigit(t+(q-t)%(pcBase-t)))
					q = (q - t) / (pcBase - t)
				}
				out = append(out, pcDigit(q))
				bias = pcAdapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(out), nil
}

// punyDecode decodes one label (without its "xn--" prefix).
func punyDecode(s string) (string, error) {
	var out []rune
	b := strings.LastIndexByte(s, '-')
	if b > 0 {
		for _, c := range s[:b] {
			if c >= 0x80 {
				return "", errPunycode
			}
			out = append(out, c)
		}
		b++
	} else {
		b = 0
	}
	n, i, bias := pcInitialN, 0, pcInitialBias
	for p := b; p < len(s); {
		oldi, w := i, 1
		for k := pcBase; ; k += pcBase {
			if p >= len(s) {
				return "", errPunycode
			}
			c := s[p]
			p++
			var d int
			switch {
			case 'a' <= c && c <= 'z':
				d = int(c - 'a')
			case 'A' <= c && c <= 'Z':
				d = int(c - 'A')
			case '0' <= c && c <= '9':
				d = int(c-'0') + 26
			default:
				return "", errPunycode
			}
			i += d * w
			if i < 0 || i > 1<<30 {
				return "", errPunycode
			}
			t := k - bias
			if t < pcTMin {
				t = pcTMin
			} else if t > pcTMax {
				t = pcTMax
			}
			if d < t {
				break
			}
			w *= pcBase - t
			if w > 1<<30 {
				return "", errPunycode
			}
		}
		bias = pcAdapt(i-oldi, len(out)+1, oldi == 0)
		n += i / (len(out) + 1)
		if n > utf8.MaxRune || len(out) > 256 {
			return "", errPunycode
		}
		i %= len(out) + 1
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return string(out), nil
}

// hostToASCII gives a host's ASCII (punycode) form, label by label.
func hostToASCII(host string) (string, error) {
	labels := strings.Split(host, ".")
	for i, l := range labels {
		ascii := true
		for j := 0; j < len(l); j++ {
			if l[j] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		enc, err := punyEncode(l)
		if err != nil {
			return "", err
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, "."), nil
}

// hostToUnicode shows the Unicode form of a host's "xn--" labels.
func hostToUnicode(host string) string {
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if strings.HasPrefix(l, "xn--") {
			if dec, err := punyDecode(l[4:]); err == nil {
				labels[i] = dec
			}
		}
	}
	return strings.Join(labels, ".")
}
