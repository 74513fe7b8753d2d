using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class CorpusCoverageTests
{
    [Fact]
    public void Corpus_EveryVowelToneAndCase_AppearsInSomeSentence()
    {
        var present = VietnameseCorpus.Sentences.SelectMany(s => s).ToHashSet();

        var missing = VietnameseCorpus.AllLetters()
            .Where(l => !present.Contains(l.Letter))
            .Select(l => $"{l.Letter} (vowel {l.Vowel}, tone {l.Tone}, {(l.Upper ? "upper" : "lower")})")
            .ToList();

        Assert.True(missing.Count == 0, "Missing from the corpus: " + string.Join(", ", missing));
    }

    [Fact]
    public void Corpus_Size_AtLeastTwentySentencesInEachCase()
    {
        Assert.True(VietnameseCorpus.Sentences.Length >= 20);
        Assert.True(VietnameseCorpus.Sentences.Count(s => string.Equals(s, s.ToUpperInvariant(), StringComparison.Ordinal)) >= 8);
        Assert.All(VietnameseCorpus.Sentences, s => Assert.True(VietnameseText.IsNormalized(s)));
    }

    [Fact]
    public void AllLetters_Count_Is134NonAsciiPlus12AsciiVowels()
    {
        var letters = VietnameseCorpus.AllLetters();

        Assert.Equal(146, letters.Select(l => l.Letter).Distinct().Count());
        Assert.Equal(134, VietnameseCorpus.NonAsciiLetters().Distinct().Count());
        Assert.All(VietnameseCorpus.NonAsciiLetters(), c => Assert.True(VietnameseText.IsVietnameseLetter(c), $"{c}"));
        Assert.False(VietnameseText.IsVietnameseLetter('a'));
        Assert.False(VietnameseText.IsVietnameseLetter('ç'));
    }
}
