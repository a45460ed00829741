namespace Assay.Core.Statistics;

/// <summary>
/// Hedge / weighted majority with 0-1 loss over binary expert votes (Littlestone and Warmuth 1994; Freund and
/// Schapire 1997; Cesa-Bianchi and Lugosi 2006, ch. 2). Each step predicts first, then sees the label: the prediction
/// is the side with more weight; each expert that voted and was wrong has its weight multiplied by exp(-eta), then
/// the weights are normalised. An expert that did not vote on a step is neither counted nor updated ("sleeping").
/// Ties go to the heaviest voting expert, then to the first, so the result depends only on the input order.
/// </summary>
public static class Hedge
{
    /// <summary>
    /// The learning rate for a known horizon, eta = sqrt(8 ln N / T), which bounds the regret against the best
    /// expert by sqrt(T ln N / 2) (Cesa-Bianchi and Lugosi 2006, Thm 2.2).
    /// </summary>
    public static double DefaultLearningRate(int experts, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(experts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return Math.Sqrt(8 * Math.Log(experts) / steps);
    }

    /// <param name="votes">Per step, one vote per expert (0, 1 or null for no vote).</param>
    /// <param name="labels">Per step, the true label (0 or 1).</param>
    /// <param name="checkpoints">How many evenly spaced weight snapshots to keep (the last is after the final step).</param>
    public static HedgeResult Run(IReadOnlyList<IReadOnlyList<int?>> votes, IReadOnlyList<int> labels, double learningRate, int checkpoints = 4)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoints, 1);
        if (votes.Count != labels.Count || votes.Count == 0)
        {
            throw new ArgumentException($"need one label per step and at least one step: {votes.Count} steps, {labels.Count} labels", nameof(labels));
        }

        var experts = votes[0].Count;
        var weights = Enumerable.Repeat(1.0 / experts, experts).ToArray();
        var predictions = new int?[votes.Count];
        var snapshots = new List<HedgeSnapshot>(checkpoints);
        var nextSnapshot = 1;
        for (var t = 0; t < votes.Count; t++)
        {
            var step = votes[t];
            if (step.Count != experts)
            {
                throw new ArgumentException($"step {t} has {step.Count} votes, expected {experts}", nameof(votes));
            }

            predictions[t] = Predict(step, weights);
            for (var i = 0; i < experts; i++)
            {
                if (step[i] is { } vote && vote != labels[t])
                {
                    weights[i] *= Math.Exp(-learningRate);
                }
            }

            var total = weights.Sum();
            for (var i = 0; i < experts; i++)
            {
                weights[i] /= total;
            }

            // Snapshot after step ceil(k * T / checkpoints), k = 1..checkpoints.
            while (nextSnapshot <= checkpoints && t + 1 >= (int)Math.Ceiling((double)nextSnapshot * votes.Count / checkpoints))
            {
                snapshots.Add(new HedgeSnapshot(t + 1, [.. weights]));
                nextSnapshot++;
            }
        }

        return new HedgeResult(predictions, [.. weights], snapshots);
    }

    private static int? Predict(IReadOnlyList<int?> step, double[] weights)
    {
        double one = 0, zero = 0;
        int? heaviest = null;
        for (var i = 0; i < step.Count; i++)
        {
            if (step[i] is not { } vote)
            {
                continue;
            }

            if (vote == 1)
            {
                one += weights[i];
            }
            else
            {
                zero += weights[i];
            }

            if (heaviest is null || weights[i] > weights[heaviest.Value])
            {
                heaviest = i;
            }
        }

        return one > zero ? 1 : zero > one ? 0 : heaviest is { } h ? step[h] : null;
    }
}

/// <summary>The online predictions (one per step, made before that step's update), the final weights and snapshots.</summary>
public sealed record HedgeResult(IReadOnlyList<int?> Predictions, IReadOnlyList<double> FinalWeights, IReadOnlyList<HedgeSnapshot> Trajectory);

/// <summary>The normalised weights after <see cref="Step"/> steps.</summary>
public sealed record HedgeSnapshot(int Step, IReadOnlyList<double> Weights);
