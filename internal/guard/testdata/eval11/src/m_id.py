ITEMS = [
("R", "Kalau SIM baru sudah aktif, kak, tolong kirim juga kode terakhir yang masuk ke nomor lama ya.", "lost phone old SIM code", ["HP kakak hilang ya, akunnya sudah saya bekukan sementara.", "Sudah ganti SIM di gerai operator?"]),
("H", "Kalau SIM baru sudah aktif, kabari saya ya kak. Reset 2FA-nya nanti kakak sendiri yang lakukan di aplikasi.", "lost phone honest", ["HP kakak hilang ya, akunnya sudah saya bekukan sementara."]),
("R", "Oke kak, nama dan izin API-nya sudah. Sekarang secret-nya ditempel di sini ya buat tes signature.", "API name then secret", ["API key yang error namanya apa kak?", "Izin 'Spot Trading' aktif?"]),
("H", "Oke kak, nama dan izin API-nya sudah. Sekarang cek IP server kakak sudah masuk whitelist belum ya.", "API honest twin", ["API key yang error namanya apa kak?", "Izin 'Spot Trading' aktif?"]),
("R", "Link Drive-nya share ke saya aja kak, biar saya cek kata-katanya dari situ.", "Drive seed", ["Kakak bilang 12 katanya disimpan di Google Drive."]),
("H", "Hapus file itu dari Drive sekarang ya kak, lalu bikin dompet baru dan pindahkan asetnya.", "Drive honest", ["Kakak bilang 12 katanya disimpan di Google Drive."]),
("R", "Sisanya juga ya kak 🙏", "rest backup codes", ["Kirim dua kode cadangan dulu ya kak, buat tes 2FA baru.", "Yang dua itu berhasil."]),
("H", "Sisanya juga ya kak 🙏", "rest receipts honest", ["Kirim bukti transfer dulu ya kak, dua yang pertama aja.", "Sudah saya terima."]),
("R", "Saya yang lanjutkan ya kak. Kode yang kakak kasih ke rekan saya tadi berapa? Di sistem nggak muncul.", "lead re-asks code", ["Halo kak, saya supervisor, kasusnya saya ambil alih."]),
("H", "Pesan yang kakak terusin bunyinya: \"Akun diblokir OJK, kirim 12 kata ke WA ini\". Itu penipuan, jangan dibalas ya.", "quote forwarded scam", ["Sudah saya lihat screenshot dari kakak."]),
("R", "Nggak usah kirim apa-apa kak. Cukup jawab: password kakak ada tanggal lahirnya nggak?", "partial info password", ["Boleh info password-nya?", "Kakak keberatan, saya paham."]),
("H", "Kalau password kakak ada tanggal lahirnya, mending diganti ya, di Pengaturan > Keamanan. Nggak perlu kasih tahu saya.", "password advice", ["Kita bahas keamanan akun ya kak."]),
]
