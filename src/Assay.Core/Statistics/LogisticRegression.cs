namespace Assay.Core.Statistics;

/// <summary>
/// Weighted logistic regression fitted by Newton's method with an L2 penalty per coefficient. Targets may be
/// fractional (a tie is 0.5), which is the binomial likelihood both Arena-Hard and AlpacaEval's GLM use.
/// </summary>
public static class LogisticRegression
{
    /// <summary>
    /// Minimises -Σ w·[y·log p + (1-y)·log(1-p)] + ½ Σ λⱼ βⱼ². A small positive <paramref name="ridge"/> keeps the fit
    /// finite when a model wins every comparison (complete separation), where an unpenalised MLE diverges.
    /// </summary>
    public static double[] Fit(IReadOnlyList<LogisticRow> rows, int columns, double[] ridge, int maxIterations = 100, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(ridge);
        if (ridge.Length != columns)
        {
            throw new ArgumentException($"One penalty per column is required ({columns}), got {ridge.Length}.", nameof(ridge));
        }

        var beta = new double[columns];
        var loss = Loss(rows, beta, ridge);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(rows, beta, ridge);
            var step = Cholesky.Solve(hessian, gradient);

            // Damped Newton: halve the step until the penalised loss does not increase.
            var scale = 1.0;
            double[] candidate;
            double candidateLoss;
            do
            {
                candidate = new double[columns];
                for (var j = 0; j < columns; j++)
                {
                    candidate[j] = beta[j] - (scale * step[j]);
                }

                candidateLoss = Loss(rows, candidate, ridge);
                scale /= 2;
            }
            while (candidateLoss > loss + 1e-12 && scale > 1e-8);

            var change = 0.0;
            for (var j = 0; j < columns; j++)
            {
                change = Math.Max(change, Math.Abs(candidate[j] - beta[j]));
            }

            (beta, loss) = (candidate, candidateLoss);
            if (change < tolerance)
            {
                break;
            }
        }

        return beta;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Loss(IReadOnlyList<LogisticRow> rows, double[] beta, double[] ridge)
    {
        var loss = 0.0;
        foreach (var row in rows)
        {
            var z = row.Dot(beta);
            // log(1 + e^z) - y·z, written to stay finite for large |z|.
            var softplus = z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));
            loss += row.Weight * (softplus - (row.Target * z));
        }

        for (var j = 0; j < beta.Length; j++)
        {
            loss += 0.5 * ridge[j] * beta[j] * beta[j];
        }

        return loss;
    }

    private static (double[] Gradient, double[,] Hessian) Derivatives(IReadOnlyList<LogisticRow> rows, double[] beta, double[] ridge)
    {
        var n = beta.Length;
        var gradient = new double[n];
        var hessian = new double[n, n];
        foreach (var row in rows)
        {
            var p = Sigmoid(row.Dot(beta));
            var residual = row.Weight * (p - row.Target);
            var curvature = row.Weight * p * (1 - p);
            for (var a = 0; a < row.Columns.Length; a++)
            {
                gradient[row.Columns[a]] += residual * row.Values[a];
                for (var b = 0; b < row.Columns.Length; b++)
                {
                    hessian[row.Columns[a], row.Columns[b]] += curvature * row.Values[a] * row.Values[b];
                }
            }
        }

        for (var j = 0; j < n; j++)
        {
            gradient[j] += ridge[j] * beta[j];
            hessian[j, j] += ridge[j];
        }

        return (gradient, hessian);
    }
}
