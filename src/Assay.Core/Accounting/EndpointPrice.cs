namespace Assay.Core.Accounting;

/// <summary>Price of an endpoint per million input and output tokens, in the user's currency.</summary>
public sealed record EndpointPrice(double InputPer1M, double OutputPer1M)
{
    public double Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPer1M) + (outputTokens * OutputPer1M)) / 1_000_000d;
}
