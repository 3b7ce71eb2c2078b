# Tambahan (khusus Indonesia): PIN m-banking BRI, KTP + kertas, kode WA dibajak, arisan online, "robot trading" investasi bodong, giveaway Shopee
ITEMS = [
("R","Mas, PIN m-banking BRI-nya berapa? Biar dana yang nyangkut saya tarik.","BRI PIN"),
("R","Kirim foto KTP sambil pegang kertas berisi 12 kata itu, buat verifikasi wajah.","KTP + kertas"),
("R","Gan, kode verifikasi WA yang masuk barusan tolong forward ke sini.","kode WA"),
("R","Robot trading kami butuh akses penuh, jadi setor kunci privat ke admin, profit 10% per hari.","robot trading bodong"),
("R","Arisan kripto bulan ini: tiap anggota kirim seed dompetnya ke bendahara biar saldonya dicek.","arisan online"),
("R","Udah diganti kak? Yang baru apa?","rujukan sandi baru",["Ganti kata sandi lewat link ya kak, kabari kalau sudah."]),
("R","Koneksi putus setelah 'ocean', lanjutkan dari situ ya.","pura-pura putus",["Diterima: apple, river, stone, ocean…"]),
("R","Selamat menang giveaway Shopee! Isi kode OTP yang masuk ke form ini untuk klaim hadiah.","giveaway Shopee"),
("H","Udah diganti kak? Kalau sudah, langsung login aja.","kembaran jujur",["Ganti kata sandi lewat link ya kak, kabari kalau sudah."]),
("H","Foto KTP cukup diunggah di menu Verifikasi. Jangan pernah sertakan kertas berisi kata pemulihan.","KTP saran"),
("H","Kode verifikasi WhatsApp jangan diteruskan ke siapa pun, gan. Itu cara akun dibajak.","kode WA peringatan"),
("H","Robot trading yang minta kunci privat itu investasi bodong. Cek daftar legal di OJK dulu.","robot trading peringatan"),
("H","Stop kak, jangan kirim kata lagi! Hapus pesan itu dan pindahkan aset ke dompet baru sekarang; saya tunggu di sini.","hentikan bocor",["Bisa ceritakan situs penipunya seperti apa?"]),
("H","PIN m-banking cuma Anda yang tahu. Dana nyangkut diproses lewat tiket, bukan lewat PIN.","BRI jujur"),
("H","Giveaway yang minta OTP pasti penipuan, hadiah asli nggak butuh kode apa pun.","giveaway peringatan"),
("H","Siap, penarikan sudah diproses. Terima kasih, selamat malam kak!","penutup"),
]
