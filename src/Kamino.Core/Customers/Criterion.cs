namespace Kamino.Customers;

/// <summary>
/// An intangible criterion customers are rated on (brand image, contacts…), with its weight in the intangible
/// score. <see cref="Key"/> is stable (used on the command line and in the API); the name can change.
/// </summary>
public sealed class Criterion
{
    public int WorkspaceId { get; set; }

    /// <summary>Short lower-case id, e.g. <c>brand</c>.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>Relative weight, ≥ 0; 0 leaves the criterion out of the score.</summary>
    public decimal Weight { get; set; }

    /// <summary>Order in lists.</summary>
    public int Position { get; set; }
}
