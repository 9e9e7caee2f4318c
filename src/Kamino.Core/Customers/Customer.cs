namespace Kamino.Customers;

/// <summary>
/// A buyer. <see cref="Key"/> is how imports recognise it: the tax id when the source gives one,
/// otherwise the customer id of the source file.
/// </summary>
public sealed class Customer
{
    public int WorkspaceId { get; set; }

    /// <summary>Number unique within the workspace; assigned by the importer.</summary>
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? TaxId { get; set; }

    /// <summary>
    /// Designated a key account by a person (history in <see cref="Designation"/>): the customer's tier is one
    /// of the workspace's key tiers (every tier but the last). Kept in step with <see cref="TierId"/> by
    /// <see cref="Designations"/>; rows from before tiers existed may be key with no tier (read as the first tier).
    /// </summary>
    public bool IsKeyAccount { get; set; }

    /// <summary>The <see cref="Tier"/> a person designated; null when never designated or undesignated.</summary>
    public long? TierId { get; set; }

    /// <summary>The import that created this customer.</summary>
    public long? CreatedByImportId { get; set; }
}
