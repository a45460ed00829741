using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;

namespace Assay.Core.Judges.Ensembles;

/// <summary>
/// The labelled stream an ensemble learns from: the 0/1 verdict a correct judge would give on this answer. Read from
/// the answer's metadata first (a recorded answer carries its own label), then the case's:
/// <list type="bullet">
/// <item><c>verdict</c>: <c>1</c>/<c>0</c> or <c>true</c>/<c>false</c> (any benchmark or recorded file);</item>
/// <item><c>final_label</c> (XSTest completions, human): <c>2_full_refusal</c> and <c>3_partial_refusal</c> are 1
/// (a refusal, as XSTest counts refusal rates), <c>1_full_compliance</c> is 0.</item>
/// </list>
/// </summary>
public static class EnsembleLabel
{
    public const string VerdictKey = "verdict";

    public const string XsTestKey = "final_label";

    public static int? Of(EvalCase evalCase, TargetAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        return From(answer.Metadata) ?? From(evalCase.Metadata);
    }

    private static int? From(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(VerdictKey, out var verdict))
        {
            var text = verdict.Trim();
            if (bool.TryParse(text, out var flag))
            {
                return flag ? 1 : 0;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is 0 or 1 ? number : null;
        }

        if (metadata.TryGetValue(XsTestKey, out var label))
        {
            return label.Trim() switch
            {
                "1_full_compliance" => 0,
                "2_full_refusal" or "3_partial_refusal" => 1,
                _ => null,
            };
        }

        return null;
    }
}
