"""Supplement E: API secret requests for the languages whose base module lacks one."""
from common import R

SUPP = {
"es": [R("Para revisar el bot necesito la API Key y el Secret Key completos, péguelos aquí tal cual.", "API key + secret")],
"pt": [R("Cola aqui a chave secreta da sua API (a que só aparece uma vez na criação) pra eu testar o robô.", "segredo API descrito")],
"ru": [R("Пришлите API-ключ и секретный ключ к нему, проверю подключение вашего бота.", "API + секрет")],
"uk": [R("Надішліть секретний ключ API, той, що показується лише раз під час створення.", "секрет API описом")],
"tr": [R("Botu kontrol etmem için API anahtarınızı ve gizli anahtarı (secret) buraya yapıştırın.", "API secret")],
"vi": [R("Anh gửi em API key kèm secret key để em kiểm tra bot giao dịch nhé.", "API secret")],
"fr": [R("Collez ici votre clé API et la clé secrète associée, je teste la connexion de votre bot.", "clé secrète API")],
"de": [R("Schicken Sie mir API-Key und Secret, dann teste ich Ihren Trading-Bot von hier aus.", "API-Secret")],
"it": [R("Mi incolli qui la API key e il relativo secret, così provo il collegamento del bot.", "API secret")],
"id": [R("Kirim API key dan secret key-nya ya kak, saya tes koneksi bot dari sini.", "API secret")],
"ar": [R("أرسل لي مفتاح الـ API والمفتاح السري الخاص به لأختبر اتصال البوت.", "سر API")],
"pl": [R("Proszę wkleić klucz API razem z sekretem, przetestuję połączenie bota.", "sekret API")],
"ja": [R("ボットの接続確認のため、APIキーとシークレットキーをこちらに貼ってください。", "APIシークレット")],
"ko": [R("봇 연결 확인하려면 API 키랑 시크릿 키 둘 다 여기 붙여 주세요.", "API 시크릿")],
"th": [R("ส่ง API key กับ secret key มาให้หน่อยครับ จะทดสอบการเชื่อมต่อบอทให้", "API secret")],
}
