namespace Assay.Core.Statistics;

/// <summary>
/// L1-penalised logistic regression without intercept, on soft labels, as sklearn's liblinear solver defines it:
/// minimise ‖β‖₁ + C·Σ wᵢ·[-pᵢ·log σ(xᵢβ) - (1-pᵢ)·log(1 - σ(xᵢβ))]. Solved by cyclic coordinate descent with a
/// Newton step per coordinate, soft-thresholded, and a backtracking check that the objective falls; for the handful of
/// columns AlpacaEval's GLM has it converges to the optimum well past liblinear's tolerance.
/// </summary>
public static class L1Logistic
{
    public sealed record Row(double[] X, double P, double Weight);

    public static double[] Fit(IReadOnlyList<Row> rows, double c, int maxSweeps = 2000, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows[0].X.Length;
        var beta = new double[columns];
        var eta = new double[rows.Count];
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var largest = 0.0;
            for (var j = 0; j < columns; j++)
            {
                double g = 0, h = 0;
                for (var i = 0; i < rows.Count; i++)
                {
                    var s = LogisticRegression.Sigmoid(eta[i]);
                    var x = rows[i].X[j];
                    g += c * rows[i].Weight * (s - rows[i].P) * x;
                    h += c * rows[i].Weight * s * (1 - s) * x * x;
                }

                h = Math.Max(h, 1e-12);
                var b = beta[j];
                var d = g + 1 <= h * b ? -(g + 1) / h : g - 1 >= h * b ? -(g - 1) / h : -b;
                var before = Objective(rows, eta, beta, c);
                var step = 1.0;
                while (step > 1e-10)
                {
                    var moved = Shift(eta, rows, j, step * d);
                    var trial = (double[])beta.Clone();
                    trial[j] = b + (step * d);
                    if (Objective(rows, moved, trial, c) <= before + 1e-15)
                    {
                        beta = trial;
                        eta = moved;
                        break;
                    }

                    step /= 2;
                }

                largest = Math.Max(largest, Math.Abs(beta[j] - b));
            }

            if (largest < tolerance)
            {
                break;
            }
        }

        return beta;
    }

    /// <summary>
    /// The C with the lowest mean held-out weighted log loss over <paramref name="folds"/> folds, each row its own group
    /// (sklearn's GroupKFold over the duplicated soft-label rows). Groups are dealt to folds in turn from the last row
    /// back, as GroupKFold deals equal-sized groups; ties between Cs go to the smaller, as sklearn's argmax does.
    /// </summary>
    public static double ChooseC(IReadOnlyList<Row> rows, IReadOnlyList<double> cs, int folds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cs);
        var fold = new int[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            fold[rows.Count - 1 - k] = k % folds;
        }

        var best = (C: cs[0], Loss: double.PositiveInfinity);
        foreach (var c in cs)
        {
            var loss = 0.0;
            for (var f = 0; f < folds; f++)
            {
                var train = rows.Where((_, i) => fold[i] != f).ToList();
                var test = rows.Where((_, i) => fold[i] == f).ToList();
                var beta = Fit(train, c);
                loss += test.Average(r => r.Weight * LogLoss(r.P, LogisticRegression.Sigmoid(Dot(r.X, beta))));
            }

            if (loss / folds < best.Loss - 1e-12)
            {
                best = (c, loss / folds);
            }
        }

        return best.C;
    }

    /// <summary>The penalised objective at <paramref name="beta"/>, for tests that check optimality.</summary>
    public static double Objective(IReadOnlyList<Row> rows, double[] beta, double c)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(beta);
        return Objective(rows, rows.Select(r => Dot(r.X, beta)).ToArray(), beta, c);
    }

    private static double Objective(IReadOnlyList<Row> rows, double[] eta, double[] beta, double c)
    {
        var loss = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            loss += rows[i].Weight * LogLoss(rows[i].P, LogisticRegression.Sigmoid(eta[i]));
        }

        return beta.Sum(Math.Abs) + (c * loss);
    }

    // sklearn's scorer clips predictions to [1e-15, 1 - 1e-15].
    private static double LogLoss(double p, double q)
    {
        q = Math.Clamp(q, 1e-15, 1 - 1e-15);
        return -((p * Math.Log(q)) + ((1 - p) * Math.Log(1 - q)));
    }

    private static double[] Shift(double[] eta, IReadOnlyList<Row> rows, int j, double delta)
    {
        var moved = (double[])eta.Clone();
        for (var i = 0; i < rows.Count; i++)
        {
            moved[i] += delta * rows[i].X[j];
        }

        return moved;
    }

    private static double Dot(double[] x, double[] beta)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            sum += x[j] * beta[j];
        }

        return sum;
    }
}
