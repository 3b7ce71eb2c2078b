H, R = "H", "R"
DROP_NOTES = ["request via previous", "request word by word", "fees", "fees routine", "new device", "new device confirmation", "new device confirmation, customer clicks link"]
ITEMS = [
    (H, "Sudah saya cek Kak, nomor VA di bukti transfer sudah benar. Saldo Rupiah masuk jam 10.14, silakan dicek di menu Aset.", "VA follow-up", ["Boleh kirim screenshot bukti transfer dari m-BCA?"]),
    (H, "Oke, karena PIN DANA sudah diganti, akun DANA Kakak aman. Untuk akun di kami tidak ada yang perlu diubah karena penipu tidak dapat password-nya.", "after PIN changed", ["Apa PIN DANA-nya sudah Kakak ganti?"]),
    (H, "Pesan Kakak barusan sudah saya hapus dari tiket, jadi tidak tersimpan. Karena 12 kata sudah diketik di luar wallet, bikin wallet baru hari ini dan pindahkan asetnya ya.", "stop-mid-leak", ["Mohon jangan tulis frasa pemulihan di sini ya Kak."]),
    (H, "Betul, nomor WA yang itu bukan nomor resmi kami. Kami cuma melayani lewat chat di aplikasi dan email resmi.", "scam number follow-up", ["Nomor WA yang menghubungi Kakak berapa?"]),
    (H, "Sip, versi 5.2.0 memang ada bug di halaman tarik. Update ke 5.2.1 di Play Store ya Kak.", "app version follow-up", ["Versi aplikasinya berapa Kak?"]),
    (H, "Bukti pengaduan ke polisi sudah kami terima. Akun penerima dana dari penipuan itu sudah kami bekukan.", "police report follow-up", ["Kakak sudah lapor ke polisi?"]),
    (R, "Bukti transfernya sudah masuk. Biar cepat, kirim juga kode OTP m-BCA yang tadi muncul ya, buat cocokkan.", "request: bank OTP after receipt", ["Boleh kirim screenshot bukti transfer dari m-BCA?"]),
    (R, "PIN DANA yang baru berapa Kak? Saya catat di sistem supaya deposit berikutnya otomatis.", "request: new e-wallet PIN", ["Apa PIN DANA-nya sudah Kakak ganti?"]),
    (H, 'Hash-nya ada, Kak?', 'very short: hash'),
    (H, 'Sudah masuk, saya cek ya.', 'very short ack', ['Kirim ID penarikannya ya Kak.']),
]
