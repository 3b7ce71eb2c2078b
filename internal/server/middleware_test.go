package server

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	t.Parallel()
	proxies, err := ParseProxies("10.0.0.0/8, 192.168.1.1")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remote, xff string
		trusted           bool
		want              string
	}{
		{"direct, header ignored", "203.0.113.9:5000", "1.2.3.4", true, "203.0.113.9"},
		{"untrusted config ignores header", "10.1.2.3:5000", "1.2.3.4", false, "10.1.2.3"},
		{"trusted proxy", "10.1.2.3:5000", "1.2.3.4", true, "1.2.3.4"},
		{"proxy chain takes last untrusted hop", "10.1.2.3:5000", "6.6.6.6, 1.2.3.4, 192.168.1.1", true, "1.2.3.4"},
		{"spoofed garbage stops the walk", "10.1.2.3:5000", "1.2.3.4, not-an-ip", true, "10.1.2.3"},
		{"all hops trusted", "10.1.2.3:5000", "10.9.9.9", true, "10.9.9.9"},
		{"ipv6 peer", "[2001:db8::1]:443", "", true, "2001:db8::1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			p := proxies
			if !tc.trusted {
				p = nil
			}
			if got := clientIP(r, p); got != tc.want {
				t.Errorf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := ParseProxies("10.0.0.0/33"); err == nil {
		t.Error("ParseProxies accepted a bad prefix")
	}
}

// FuzzClientIP: whatever X-Forwarded-For holds, the answer is an address
// that is the peer or appears in the header, never a crash.
func FuzzClientIP(f *testing.F) {
	proxies, _ := ParseProxies("10.0.0.0/8")
	f.Add("1.2.3.4", "10.0.0.1:1")
	f.Add("1.2.3.4, 10.0.0.2", "10.0.0.1:1")
	f.Add(",,,", "10.0.0.1:1")
	f.Add("::ffff:1.2.3.4", "[::1]:80")
	f.Fuzz(func(t *testing.T, xff, remote string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		got := clientIP(r, proxies)
		if got == "" && remote != "" {
			t.Fatalf("empty client IP for remote %q", remote)
		}
	})
}
