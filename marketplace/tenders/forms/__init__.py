"""The tenders' web forms, one module per side like `views`.

They check what a person typed; who may act and when stays in `marketplace.tenders.services`,
whose refusals the forms show next to the fields they name.
"""
