using System.Text;
using EDoc.Text.Internal;

namespace EDoc.Abstractions.Tests.Text;

/// <summary>
/// The ICU-free composer used in globalization-invariant mode, judged against the platform (ICU) normalizer.
/// </summary>
public class VietnameseNormalizerTests
{
    private const string Marks = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B\u0340\u0341";

    [Fact]
    public void PlatformWorks_TestMachine_UsesIcuAsJudge()
    {
        Assert.True(VietnameseNormalizer.PlatformWorks, "These tests need ICU (globalization-invariant mode is off) to judge the managed composer.");
    }

    [Fact]
    public void ComposeManaged_NfdCorpus_ReturnsNfc()
    {
        foreach (var sentence in VietnameseCorpus.Sentences)
        {
            Assert.Equal(sentence, VietnameseNormalizer.ComposeManaged(sentence.Normalize(NormalizationForm.FormD)));
        }
    }

    [Fact]
    public void ComposeManaged_EveryLetterWithEveryMarkOrder_MatchesIcu()
    {
        foreach (var (letter, _, _, _) in VietnameseCorpus.AllLetters())
        {
            var nfd = letter.ToString().Normalize(NormalizationForm.FormD);
            var variants = new List<string> { nfd, new(nfd.Reverse().ToArray()) };
            if (nfd.Length == 3)
            {
                variants.Add(string.Concat(nfd[0], nfd[2], nfd[1]));
                variants.Add(string.Concat(nfd[..2].Normalize(NormalizationForm.FormC), nfd[2]));
                variants.Add(string.Concat(string.Concat(nfd[0], nfd[2]).Normalize(NormalizationForm.FormC), nfd[1]));
            }

            foreach (var variant in variants)
            {
                Assert.True(
                    variant.Normalize(NormalizationForm.FormC) == VietnameseNormalizer.ComposeManaged(variant),
                    $"{Escape(variant)}: ICU {Escape(variant.Normalize(NormalizationForm.FormC))}, managed {Escape(VietnameseNormalizer.ComposeManaged(variant))}");
            }
        }
    }

    [Fact]
    public void ComposeManaged_RandomVietnameseSequences_MatchesIcu()
    {
        var alphabet = "aeiouyAEIOUYbdđĐ .ăâêôơưĂÂÊÔƠƯáạẠệ" + Marks + Marks;
        var random = new Random(6909);
        var checkedCount = 0;
        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder();
            for (var k = random.Next(0, 8); k > 0; k--)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = builder.ToString();
            if (!IsVietnameseRepertoire(text.Normalize(NormalizationForm.FormC)))
            {
                // î, ŭ, ḍ…: compositions outside Vietnamese are out of the managed composer's scope.
                continue;
            }

            checkedCount++;
            Assert.True(
                text.Normalize(NormalizationForm.FormC) == VietnameseNormalizer.ComposeManaged(text),
                $"{Escape(text)}: ICU {Escape(text.Normalize(NormalizationForm.FormC))}, managed {Escape(VietnameseNormalizer.ComposeManaged(text))}");
        }

        Assert.True(checkedCount > 1500, $"only {checkedCount} sequences were in scope");
    }

    private static bool IsVietnameseRepertoire(string text)
        => text.All(c => c < 0x80 || Marks.Contains(c, StringComparison.Ordinal) || EDoc.Text.VietnameseText.IsVietnameseLetter(c));

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x80 ? c.ToString() : $"\\u{(int)c:X4}"));
}
