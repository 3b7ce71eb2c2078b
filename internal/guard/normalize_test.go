package guard

import "testing"

func TestNormalise(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Seed Phrase", "seed phrase"},
		{"s33d phr4se", "seed phrase"},
		{"p@ssw0rd", "password"},
		{"5eed", "seed"},
		{"phras3", "phrase"},
		{"s e e d p h r a s e", "seedphrase"},
		{"p.a.s.s.w.o.r.d", "password"},
		{"s-3-3-d", "seed"},
		{"ѕееd", "seed"},             // Cyrillic ѕ and е
		{"раssword", "password"},     // Cyrillic р and а in a Latin word
		{"пaроль", "пароль"},         // one Latin a in a Russian word
		{"пар0ль", "пароль"},         // Cyrillic leetspeak
		{"se\u200bed\u00ad", "seed"}, // zero-width space, soft hyphen
		{"ｐａｓｓｗｏｒｄ", "password"},     // full-width
		{"𝐬𝐞𝐞𝐝", "seed"},
		{"ꜱᴇᴇᴅ", "seed"}, // small capitals             // mathematical bold
		{"contraseña", "contrasena"},
		{"mật khẩu", "mat khau"},
		{"أرسل", "ارسل"},
		{"パスワード", "パスワード"},
		{"비밀번호", "비밀번호"},
		{"s e n d  y o u r  p i n", "send your pin"}, // spelled words, two spaces between
		{"k.a.t.a s.a.n.d.i", "kata sandi"},          // a short spelled word beside a long one
		{"3nv14 tu c0ntr4s3ñ4 d3 1nm3d14t0", "envia tu contrasena de inmediato"}, // short words of a leet message
		{"2fa k0d s1z1n", "2fa kod sizin"},                                       // a number before letters stays
		// What must stay as it is.
		{"usdt-trc20 2fa h2", "usdt-trc20 2fa h2"},
		{"a b  c d", "a b  c d"},
		{"1st 2nd 3rd 2fa 24 words", "1st 2nd 3rd 2fa 24 words"},
		{"usdt-trc20 erc20", "usdt-trc20 erc20"},
		{"password!", "password!"},
		{"U.S.A. a, b and c", "u.s.a. a, b and c"},
		{"Никогда не сообщайте пароль", "никогда не сообща\u0438\u0306те пароль"}, // й keeps its breve
	}
	for _, c := range cases {
		if got := NormaliseString(c.in); got != c.want {
			t.Errorf("NormaliseString(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormaliseOffsets(t *testing.T) {
	text := "Send ｙｏｕｒ s e e d here"
	n := Normalise(text)
	i := len("send your ")
	if n.Text != "send your seed here" {
		t.Fatalf("normalised to %q", n.Text)
	}
	if got := text[n.Orig(i):n.Orig(i+len("seed"))]; got != "s e e d" {
		t.Errorf("seed maps back to %q, want the spelled letters", got)
	}
	if n.Orig(len(n.Text)) != len(text) {
		t.Errorf("end maps to %d, want %d", n.Orig(len(n.Text)), len(text))
	}
}
