namespace Kamino.Host.Import;

/// <summary>Addresses of the import pages.</summary>
public static class ImportLinks
{
    /// <summary>Upload, preview and import files.</summary>
    public static string Import(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/import";

    /// <summary>The import history, with undo.</summary>
    public static string History(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/imports";
}
