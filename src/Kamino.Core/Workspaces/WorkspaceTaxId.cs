namespace Kamino.Workspaces;

/// <summary>
/// One of the workspace's own tax ids (PRODUCT.md §4 "Whose sales"). When a workspace records any, an
/// e-invoice whose seller tax id is none of them is rejected: it is probably a purchase invoice.
/// </summary>
public sealed class WorkspaceTaxId
{
    public int WorkspaceId { get; set; }

    /// <summary>Tax id as e-invoice sellers are compared: upper case, without spaces, dots or dashes.</summary>
    public required string TaxId { get; set; }
}
