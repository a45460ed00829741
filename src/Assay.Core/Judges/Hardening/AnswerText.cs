using System.Globalization;
using System.Text;

namespace Assay.Core.Judges.Hardening;

/// <summary>
/// The form of an evaluated answer that fencing and detection see. Compatibility forms are folded (NFKC: fullwidth
/// <c>［［10］］</c> is <c>[[10]]</c>), invisible format characters are dropped (zero-width spaces, bidi controls) and
/// so are combining marks that sit on no letter (a mark on a bracket or digit only hides a token). Marks on letters
/// and the joiners that shape scripts between letters are kept: they are part of non-Latin answers, which the judge
/// must see as written.
/// </summary>
public static class AnswerText
{
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || IsPlain(text))
        {
            return text;
        }

        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = Fold(folded[i]);
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format && !IsJoinerBetweenLetters(folded, i))
            {
                continue;
            }

            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && !FollowsLetter(result))
            {
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    // The fullwidth and ideographic forms NFKC folds. Without ICU (invariant globalisation, as this repository builds)
    // Normalize leaves them alone, so they are folded here whatever the runtime does.
    private static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    // ASCII answers (most of them) are already in normal form and carry no format characters or marks.
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007E')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsJoinerBetweenLetters(string text, int i) =>
        text[i] is '\u200C' or '\u200D' && i > 0 && i + 1 < text.Length && IsLetterLike(text[i - 1]) && IsLetterLike(text[i + 1]);

    // A mark belongs to the letter before it, possibly after other marks on that letter (Devanagari stacks them).
    private static bool FollowsLetter(StringBuilder result)
    {
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(result[i]);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            return IsLetterLike(result[i]);
        }

        return false;
    }

    private static bool IsLetterLike(char c) =>
        char.IsLetter(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark;
}
