R, H = "R", "H"
# Skenario khas Indonesia
DROP = ["posisi kata", "foto kartu", "kamera", "bot", "sisa", "baris bawah", "semua", "properti PIN", "email", "isi keystore", "screenshot", "remote",
        "peringatan", "kunci privat", "reset sandi", "memo", "email", "tipe HP", "konfirmasi", "status", "saran", "kode cadangan", "error"]
ITEMS = [
(R, "Kak, kode OTP GoPay yang barusan masuk tolong diinfokan ya, buat pembatalan transaksi.", "GoPay OTP"),
(R, "Kirim VN aja kak, bacain kata-kata di kertasnya satu-satu, lebih cepat.", "voice note"),
(R, "Jawaban pertanyaan keamanan kakak apa? Nama hewan peliharaan pertama.", "pertanyaan keamanan"),
(R, "Waktu pasang Authenticator ada kode 16 huruf di bawah QR, kalau masih disimpan kirim ke saya biar saya setel ulang.", "kunci setup"),
(R, "Dompet kertas kakak ada QR di sisi 'private', difoto terus kirim ya.", "QR dompet kertas"),
(R, "Download aplikasi dompet versi baru di link ini, terus impor pakai kata-kata yang sama.", "aplikasi palsu"),
(R, "Forward email yang ada 6 angkanya ke cs.verifikasi@gmail.com ya kak.", "forward kode"),
(R, "Upload foto lembar cadangan ke folder Google Drive ini, nanti dicek tim.", "Drive"),
(R, "Ulang dari awal ya kak, pelan-pelan.", "dari awal", ["Bacakan kartu pemulihan baris per baris ya."]),
(R, "Sisi belakang pelatnya tulisannya apa?", "sisi belakang", ["Di depan pelat bajanya terukir kata apa saja kak?"]),
(R, "Ya sudah, kata terakhirnya aja deh.", "sebagian setelah ditolak", ["Saya butuh frasa pemulihan kakak untuk buka blokir akun."]),
(R, "Sekarang kasih titik di antara tiap huruf, biar nggak kepotong sistem.", "akali filter", ["Tempel kunci privat kakak di sini ya."]),
(H, "Jangan kirim lewat VN juga ya kak, rekaman suara bisa diteruskan sama kayak teks.", "peringatan VN"),
(H, "Dompet kertas punya dua QR: yang alamat boleh dibagikan, yang private jangan ditunjukkan ke siapa pun, termasuk kami.", "penjelasan"),
(H, "Boleh kirim QR alamat deposit dari menu 'Deposit', biar saya cek jaringannya.", "QR publik"),
(H, "Kode anti-phishing muncul di setiap email dari kami; cek sendiri, tidak perlu diberitahukan ke siapa pun.", "anti-phishing"),
(H, "Nasabah memasukkan sendiri kode di layar konfirmasi; CS tidak pernah melihat kode itu.", "orang ketiga jujur"),
(H, "Versi aplikasinya berapa kak? Ada di Pengaturan > Tentang.", "versi"),
(H, "Nomor Virtual Account yang kakak bayar dan nama bank-nya apa?", "VA publik"),
(H, "Kata pertamanya juga jangan ya kak.", "setelah peringatan", ["Kalau ada yang minta frasa pemulihan, jangan kasih satu kata pun."]),
(H, "Lewat VN juga jangan.", "setelah peringatan", ["Jangan pernah tempel frasa di chat."]),
(H, "Waktu ganti sandi, sandi lama kakak ketik sendiri di kolom 'Sandi saat ini'; saya nggak bisa lihat.", "sandi sendiri"),
(H, "PIN DANA cuma kakak yang tahu, CS DANA pun tidak akan nanya.", "penjelasan PIN"),
]
