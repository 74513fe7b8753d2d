using System.Diagnostics;
using System.Text;

namespace EDoc.Abstractions.Tests.Text;

/// <summary>
/// Real administrative sentences (headings, abstracts, signature blocks) that together contain every vowel with every
/// tone in both cases, and đ/Đ. <see cref="CorpusCoverageTests"/> proves the coverage.
/// </summary>
internal static class VietnameseCorpus
{
    public static readonly string[] Sentences =
    [
        "Ủy ban nhân dân tỉnh Nghệ An",
        "Quyết định về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026",
        "Phó Chủ tịch Ủy ban nhân dân huyện Đức Thọ ký thay Chủ tịch",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Bộ trưởng Bộ Nội vụ đề nghị các cơ quan, đơn vị sẵn sàng phối hợp thực hiện",
        "Kính gửi: Sở Tài chính, Sở Kế hoạch và Đầu tư, Kho bạc Nhà nước tỉnh",
        "Văn bản này có hiệu lực thi hành kể từ ngày ký",
        "Đồng chí Nguyễn Văn Đông, Trưởng phòng Tư pháp, chịu trách nhiệm thi hành Quyết định này",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, ban, ngành cấp tỉnh chịu trách nhiệm thi hành",
        "Hướng dẫn thẩm định hồ sơ đề nghị công nhận sáng kiến cấp cơ sở năm 2024",
        "Báo cáo kết quả kiểm tra công tác cải cách hành chính và ứng dụng công nghệ thông tin",
        "Tờ trình về việc phê duyệt dự toán kinh phí hỗ trợ đồng bào bị thiệt hại do lũ lụt",
        "Công văn đề nghị giải quyết dứt điểm vụ việc khiếu nại kéo dài, tránh để xảy ra điểm nóng",
        "Thông báo kết luận của đồng chí Phó Chủ tịch tại cuộc họp giao ban tháng Năm",
        "Sẽ kỷ luật cán bộ, công chức vi phạm quy định về đạo đức công vụ, kể cả người đứng đầu",
        "Trẻ em dưới sáu tuổi được miễn phí khám bệnh, chữa bệnh tại cơ sở y tế công lập",
        "Giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn thị trấn huyện lỵ",
        "Mọi ý kiến góp ý xin gửi về Văn phòng trước ngày 15 để tổng hợp, báo cáo kịp thời",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt chín mươi tám phần trăm, vượt chỉ tiêu đề ra",
        "Nâng cao chất lượng nguồn nhân lực, đẩy mạnh ứng dụng khoa học kỹ thuật vào sản xuất",
        "Các đơn vị thực hiện nghiêm, không để xảy ra tình trạng chậm trễ, đùn đẩy trách nhiệm",
        "Ông Lê Hữu Phước và bà Trần Thị Ngọc Hà được khen thưởng vì đã có thành tích xuất sắc",
        "Tài liệu kèm theo gồm bản sao hợp lệ giấy phép và hồ sơ thiết kế đã được thẩm duyệt",
        "Bà mẹ Việt Nam anh hùng Phạm Thị Ẩn được tặng quà nhân dịp kỷ niệm ngày Thương binh - Liệt sĩ",
        "Nhằm bảo đảm tính thống nhất, tránh chồng chéo, đề nghị các huyện rà soát lại văn bản",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
        "THƯỢNG KHẨN",
        "HỎA TỐC",
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
        "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH NHIỆM KỲ 2021 - 2026",
        "HƯỚNG DẪN THẨM ĐỊNH HỒ SƠ, TÀI LIỆU KÈM THEO VÀ KẾ HOẠCH SẴN SÀNG ỨNG PHÓ VỚI LŨ LỤT",
        "TRẺ EM, BÀ MẸ VIỆT NAM ANH HÙNG VÀ NGƯỜI CÓ CÔNG ĐƯỢC MIỄN PHÍ KHÁM CHỮA BỆNH",
        "KỶ LUẬT CÁN BỘ VI PHẠM: SẼ XỬ LÝ NGHIÊM, KỂ CẢ NGƯỜI ĐỨNG ĐẦU",
        "TỶ LỆ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG ĐẠT THẤP, CẦN ĐẨY MẠNH HƠN NỮA",
        "NÂNG CAO KỸ NĂNG, GIỮ VỮNG KỶ CƯƠNG, TRÁNH CHẬM TRỄ, ĐÙN ĐẨY TRÁCH NHIỆM Ở HUYỆN LỴ",
        "Đề nghị nói thẳng, làm rõ trách nhiệm và giúp đỡ các hộ sản xuất nhỏ lẻ",
        "GIẤY PHÉP XÂY DỰNG ĐẶC BIỆT: TỔ CHỨC HỌP BẰNG HÌNH THỨC TRỰC TUYẾN TỪ NGÀY 01",
        "NÓI THẲNG, LÀM RÕ, NẮM CHẮC TÌNH HÌNH VÀ HỖ TRỢ, GIÚP ĐỠ NGƯỜI DÂN",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var sentence in Sentences)
        {
            data.Add(sentence);
        }

        return data;
    }

    /// <summary>
    /// The 146 Vietnamese vowel letters and đ/Đ, built from the rule "vowel + combining tone mark, composed" — not
    /// from the SDK's tables — so tests can judge the tables.
    /// </summary>
    public static IReadOnlyList<(char Letter, char Vowel, int Tone, bool Upper)> AllLetters()
    {
        const string vowels = "aăâeêioôơuưy";
        string[] marks = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];
        var letters = new List<(char, char, int, bool)>();
        foreach (var vowel in vowels)
        {
            for (var tone = 0; tone < marks.Length; tone++)
            {
                var lower = (vowel + marks[tone]).Normalize(NormalizationForm.FormC);
                Debug.Assert(lower.Length == 1, "Every Vietnamese vowel letter is one precomposed character.");
                letters.Add((lower[0], vowel, tone, false));
                letters.Add((char.ToUpperInvariant(lower[0]), vowel, tone, true));
            }
        }

        letters.Add(('đ', 'đ', 0, false));
        letters.Add(('Đ', 'đ', 0, true));
        return letters;
    }

    /// <summary>The 134 letters that are not plain ASCII.</summary>
    public static IReadOnlyList<char> NonAsciiLetters() => AllLetters().Select(l => l.Letter).Where(c => c > 0x7F).ToArray();

    /// <summary>Encodes with GNU libc iconv, an independent implementation of TCVN 5712:1993 (VN1).</summary>
    public static byte[] IconvToTcvn5712(string text) => Iconv("UTF-8", "TCVN5712-1", Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes with GNU libc iconv.</summary>
    public static string IconvFromTcvn5712(byte[] bytes) => Encoding.UTF8.GetString(Iconv("TCVN5712-1", "UTF-8", bytes));

    private static byte[] Iconv(string from, string to, byte[] input)
    {
        var start = new ProcessStartInfo("iconv")
        {
            ArgumentList = { "-f", from, "-t", to },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("iconv did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "The TCVN3 tests need GNU libc iconv with the TCVN5712-1 converter (Debian package libc-bin) as an independent judge; it is missing.", ex);
        }

        using (process)
        {
            var stdoutTask = Task.Run(() =>
            {
                using var buffer = new MemoryStream();
                process.StandardOutput.BaseStream.CopyTo(buffer);
                return buffer.ToArray();
            });
            var stderrTask = process.StandardError.ReadToEndAsync();
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            var output = stdoutTask.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"iconv -f {from} -t {to} failed: {stderrTask.GetAwaiter().GetResult()}");
            }

            return output;
        }
    }
}
