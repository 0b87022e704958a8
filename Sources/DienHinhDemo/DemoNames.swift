import DienHinhCore
/// Vietnamese personal names for the demo data, all NFC with full diacritics.
///
/// Family names are weighted roughly by their national frequency (Nguyễn about 38 %); in the
/// regions of the Đà Nẵng and Hồ Chí Minh City High procuracies, Huỳnh and Võ take over much
/// of Hoàng's and Vũ's share, as they do in life.
enum DemoNames {
    static let familyNorth = WeightedTable<String>([
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 45), ("Huỳnh", 5),
        ("Phan", 40), ("Vũ", 40), ("Võ", 8), ("Đặng", 22), ("Bùi", 22), ("Đỗ", 18), ("Hồ", 10),
        ("Ngô", 14), ("Dương", 10), ("Lý", 5), ("Đinh", 12), ("Trương", 8), ("Đào", 8), ("Đoàn", 7),
        ("Hà", 7), ("Cao", 5), ("Lương", 5), ("Mai", 5), ("Tạ", 3), ("Chu", 3), ("Kiều", 2),
        ("Lâm", 3), ("Tô", 2), ("Thái", 2), ("Triệu", 2), ("Quách", 2), ("Khuất", 1), ("Nông", 2),
    ])
    static let familySouth = WeightedTable<String>([
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 65), ("Hoàng", 10), ("Huỳnh", 40),
        ("Phan", 45), ("Vũ", 8), ("Võ", 40), ("Đặng", 18), ("Bùi", 15), ("Đỗ", 12), ("Hồ", 22),
        ("Ngô", 14), ("Dương", 12), ("Lý", 10), ("Đinh", 6), ("Trương", 15), ("Đào", 5), ("Đoàn", 8),
        ("Hà", 4), ("Cao", 5), ("Lương", 5), ("Mai", 6), ("Tạ", 2), ("Châu", 4), ("Lâm", 8),
        ("Tô", 3), ("Thái", 4), ("La", 2), ("Trịnh", 5),
    ])

    static let middleMale = WeightedTable<String>([
        ("Văn", 300), ("Hữu", 80), ("Đức", 90), ("Minh", 110), ("Quang", 90), ("Công", 70),
        ("Xuân", 50), ("Thanh", 50), ("Ngọc", 35), ("Tiến", 35), ("Mạnh", 25), ("Trọng", 40),
        ("Đình", 55), ("Anh", 25), ("Hoàng", 25), ("Việt", 25), ("Quốc", 45), ("Duy", 30),
    ])
    static let middleFemale = WeightedTable<String>([
        ("Thị", 450), ("Ngọc", 80), ("Thu", 70), ("Thanh", 70), ("Hồng", 60), ("Kim", 40),
        ("Thúy", 35), ("Phương", 35), ("Minh", 35), ("Mai", 25), ("Bích", 25), ("Hải", 25),
        ("Diệu", 15), ("Khánh", 20), ("Quỳnh", 15),
    ])
    /// The second middle element of a four-word woman's name ("Nguyễn Thị Hồng Nhung").
    static let secondMiddleFemale = ["Hồng", "Thu", "Thanh", "Ngọc", "Minh", "Kim", "Phương", "Mai", "Thúy", "Bích", "Lan", "Hải"]

    static let givenMale = WeightedTable<String>([
        ("Đức", 40), ("Hùng", 45), ("Tùng", 35), ("Dũng", 45), ("Tuấn", 50), ("Anh", 45), ("Minh", 40),
        ("Hải", 40), ("Nam", 35), ("Sơn", 40), ("Thắng", 30), ("Long", 35), ("Hoàng", 25), ("Quân", 25),
        ("Trung", 35), ("Cường", 30), ("Hiếu", 30), ("Phong", 25), ("Khánh", 20), ("Vinh", 25),
        ("Thành", 35), ("Bình", 30), ("Huy", 35), ("Toàn", 20), ("Tâm", 20), ("Lâm", 15), ("Phúc", 20),
        ("Nghĩa", 20), ("Hưng", 25), ("Thịnh", 15), ("Hòa", 10), ("Hoà", 4), ("Quý", 15), ("Lộc", 15),
        ("Tài", 15), ("Kiên", 15), ("Đạt", 25), ("Việt", 20), ("Chiến", 15), ("Thuận", 10),
    ])
    static let givenFemale = WeightedTable<String>([
        ("Nhung", 40), ("Hạnh", 40), ("Hương", 50), ("Lan", 40), ("Phương", 40), ("Thảo", 45), ("Hà", 40),
        ("Trang", 45), ("Linh", 45), ("Huyền", 35), ("Ngọc", 25), ("Mai", 30), ("Hằng", 35), ("Nga", 30),
        ("Thủy", 30), ("Yến", 30), ("Vân", 30), ("Loan", 25), ("Oanh", 20), ("Dung", 30), ("Hoa", 30),
        ("Giang", 25), ("Thư", 20), ("Quyên", 15), ("Tuyết", 15), ("Nhàn", 15), ("Hiền", 30),
        ("Liên", 20), ("Ly", 20), ("Anh", 30), ("Hòa", 8), ("Hoà", 3), ("Duyên", 15), ("Chi", 15),
    ])

    /// A full name, family name first. `south` selects the southern family-name weights.
    static func full(female: Bool, south: Bool, _ rng: inout DemoRandom) -> String {
        let family = (south ? familySouth : familyNorth).pick(&rng)
        if female {
            let middle = middleFemale.pick(&rng)
            var given = givenFemale.pick(&rng)
            while given == middle { given = givenFemale.pick(&rng) }
            if middle == "Thị" && rng.chance(300) {
                var second = rng.pick(secondMiddleFemale)
                while second == given { second = rng.pick(secondMiddleFemale) }
                return family + " Thị " + second + " " + given
            }
            return family + " " + middle + " " + given
        }
        let middle = middleMale.pick(&rng)
        var given = givenMale.pick(&rng)
        while given == middle { given = givenMale.pick(&rng) }
        return family + " " + middle + " " + given
    }
}
